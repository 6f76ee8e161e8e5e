/**
 * Not API: may change in any release. Text for people that several capability packages write the
 * same way, such as {@link io.github.coexist.core.internal.text.DurationText} in incident reasons,
 * problem reasons and postmortems.
 */
@NullMarked
package io.github.coexist.core.internal.text;

import org.jspecify.annotations.NullMarked;
