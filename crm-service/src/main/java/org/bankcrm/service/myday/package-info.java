/** "My day": the RM's work for today, read in SQL within the caller's scope. */
package org.bankcrm.service.myday;
