/**
 * The rules of the checks of netcheck's own host: listeners and listen.
 */
package io.netcheck.verdict.host;
