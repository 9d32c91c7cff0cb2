/** Admin settings as the other features read them. */
package org.bankcrm.service.settings;
