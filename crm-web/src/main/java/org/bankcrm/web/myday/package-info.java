/** My day: the login page and each user's landing page (the RM's work for today). */
package org.bankcrm.web.myday;
