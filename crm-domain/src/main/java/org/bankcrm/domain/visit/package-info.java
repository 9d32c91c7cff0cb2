/** The visit plan (客户拜访日计划): visits an RM plans, does (recording a follow-up) or cancels. */
package org.bankcrm.domain.visit;
