/** The check API: runs checks (here or on an agent) for tools outside the project, and the CLI's --server. */
package io.netcheck.api;
