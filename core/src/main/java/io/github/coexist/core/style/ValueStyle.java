package io.github.coexist.core.style;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of coexist: generated {@code Immutable*} classes stay package-private
 * behind the value type's own {@code builder()} and {@code of()} factories, so no generated name
 * appears in the public API, and the generated code needs nothing but the JDK at run time.
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
    validationMethod = Value.Style.ValidationMethod.NONE,
    // Defaults and derived values are computed in the constructor without a per-instance "init
    // shim" (an extra object and two volatile writes per copy): none of them reads another.
    unsafeDefaultAndDerived = true)
public @interface ValueStyle {}
