/**
 * The command-line front end: runs one check without Slack and exits 0 healthy, 1 fault, 2 bad input, 3 failure.
 */
package io.netcheck.cli;
