/** Early warning in the API and the pages: alerts, runs, settings, notifications, the bell and the digest. */
package org.bankcrm.web.alert;
