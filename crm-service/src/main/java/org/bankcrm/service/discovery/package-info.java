/**
 * Discovery (商机发现): the rules that turn customer data into opportunities, their runs (queued, run one at a
 * time on a thread of their own, nightly and on demand) and the evidence each opportunity carries.
 */
package org.bankcrm.service.discovery;
