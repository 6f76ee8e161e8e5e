/**
 * Not API: may change in any release. The Immutables style coexist's value packages are annotated
 * with ({@link io.github.coexist.core.internal.style.ValueStyle}); it is read by the annotation
 * processor at compile time and kept in class files only ({@code RetentionPolicy.CLASS}), so
 * embedders never need it.
 */
@NullMarked
package io.github.coexist.core.internal.style;

import org.jspecify.annotations.NullMarked;
