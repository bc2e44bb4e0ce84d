/**
 * The dns command's rules and table: every resolver's answer judged together.
 */
package io.netcheck.verdict.dns;
