/**
 * The command grammar shared by every front end (CLI, Slack, watches): parsing, validation with specific errors,
 * limits.
 */
package io.netcheck.command;
