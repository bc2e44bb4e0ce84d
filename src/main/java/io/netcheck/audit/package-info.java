/** The audit log shared by every front end (Slack, the check API) and the agents. */
package io.netcheck.audit;
