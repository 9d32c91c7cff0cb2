/** Admin settings: stage probabilities, lost reasons and scalar settings. */
package org.bankcrm.domain.settings;
