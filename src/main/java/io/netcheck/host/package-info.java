/**
 * Checks of netcheck's own host: listening sockets read from /proc/net (listeners) and a temporary listener
 * (listen, the guide's nc -l test).
 */
package io.netcheck.host;
