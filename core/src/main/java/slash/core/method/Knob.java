package slash.core.method;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method config's record component as a command-line option: the CLI builds each method's
 * options from its record's components (type, name, default from the registry), so a new method
 * never edits the CLI. {@code option} overrides the kebab-case component name where the CLI's
 * historical name differs (e.g. {@code --init} for the distribution).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Knob {
  String description();

  /** The option's name without dashes; empty: the component name in kebab case. */
  String option() default "";
}
