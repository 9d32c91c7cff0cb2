/** The book handover page and API (移交). */
package org.bankcrm.web.handover;
