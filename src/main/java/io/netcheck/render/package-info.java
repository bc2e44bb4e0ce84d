/**
 * Text and JSON renderers of the report model. The JSON is what the CLI's --json prints.
 */
package io.netcheck.render;
