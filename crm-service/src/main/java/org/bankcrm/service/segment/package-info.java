/**
 * Customer groups (客户分群): criteria saved by heads and admins, evaluated when asked over the creator's scope
 * (docs/architecture.md, D30).
 */
package org.bankcrm.service.segment;
