/** Visits: the RM's week of planned visits, planning one and recording a done visit as a follow-up. */
package org.bankcrm.service.visit;
