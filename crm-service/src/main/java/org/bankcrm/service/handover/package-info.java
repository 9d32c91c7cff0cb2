/** Book handover (移交): an RM's customers, open opportunities and planned visits given to one or more RMs. */
package org.bankcrm.service.handover;
