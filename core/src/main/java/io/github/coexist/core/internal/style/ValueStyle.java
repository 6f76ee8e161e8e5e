package io.github.coexist.core.internal.style;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * Not API: may change in any release. The one Immutables style of coexist: generated {@code Immutable*} classes stay package-private
 * behind the value type's own {@code builder()} and {@code of()} factories, so no generated name
 * appears in the public API, and the generated code needs nothing but the JDK at run time.
 *
 * <p>Builders refuse what they cannot hold ({@code ValidationMethod.SIMPLE}): a {@code null}
 * passed to a setter, a {@code with*} copy method or a collection adder throws {@link
 * NullPointerException} naming the attribute, and {@code build()} with a required attribute left
 * out throws {@link IllegalStateException} naming every missing attribute at once ({@code Cannot
 * build Service, some of required attributes are not set [id, owner]}). Both are programming
 * errors; untrusted input goes through the values' {@code parse...} factories and input builders,
 * which return {@code CoexistError.InvalidInput} listing every problem. The checks cost a field
 * write per setter and one bit test per {@code build()}: nothing is allocated unless one fails.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    jdkOnly = true,
    get = {"is*", "get*"},
    init = "*",
    defaults = @Value.Immutable(copy = true),
    validationMethod = Value.Style.ValidationMethod.SIMPLE,
    // Defaults and derived values are computed in the constructor without a per-instance "init
    // shim" (an extra object and two volatile writes per copy): none of them reads another.
    unsafeDefaultAndDerived = true)
public @interface ValueStyle {}
