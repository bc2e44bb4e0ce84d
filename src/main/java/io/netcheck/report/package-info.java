/**
 * One report model for every command (steps, facts, tcpdump lines, verdict, capture), built from evidence;
 * renderers turn it into text, JSON and Slack.
 */
package io.netcheck.report;
