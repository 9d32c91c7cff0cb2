/** Read models for dashboards, aggregated in SQL within the caller's scope. */
package org.bankcrm.service.dashboard;
