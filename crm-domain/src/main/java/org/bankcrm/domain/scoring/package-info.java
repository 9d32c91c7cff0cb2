/** The versioned, admin-weighted scoring model (商机评估模型). */
package org.bankcrm.domain.scoring;
