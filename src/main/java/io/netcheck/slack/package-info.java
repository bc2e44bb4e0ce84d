/**
 * The Slack front end (Bolt, HTTP and Socket Mode): admission, authorisation, the evidence thread, incident
 * posting, audit. The only package that sees Slack types.
 */
package io.netcheck.slack;
