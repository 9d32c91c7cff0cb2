/**
 * Early warning (商机预警, D38): the alert codes and their settings, the evaluation as of a bank day that raises,
 * resolves and escalates alerts, the notifications it leaves for people, and the e-mail digest of them.
 */
package org.bankcrm.service.alert;
