/**
 * The command line's shared plumbing: picocli set up the same way for every command ({@link
 * io.github.coexist.app.cli.Cli}), the version it prints and the option types the commands share.
 */
package io.github.coexist.app.cli;
