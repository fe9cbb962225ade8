package slash.methods;

import java.util.List;

/**
 * Methods from outside this module, registered the way PEFT's {@code register_peft_method} adds
 * one: the method's own package lists its provider in {@code
 * META-INF/services/slash.methods.MethodProvider}, and the registry finds it on the class path
 * through {@link java.util.ServiceLoader}. The method then is a method like the built-in ones
 * (CLI, JSON, tables, learning rate) without an edit anywhere else.
 */
public interface MethodProvider {
  List<MethodEntry<?>> methods();
}
