/** The organisation: the branch tree and the staff who log in, with their roles. */
package org.bankcrm.domain.org;
