/**
 * List-based campaigns (名单制营销): from a customer group or a pasted list to the RMs' fixed target lists, their
 * outcomes, the opportunities they open and the campaign's return (docs/architecture.md, D33).
 */
package org.bankcrm.service.campaign;
