package io.nash.search.api;

/** Instantiates plug-in classes by name, with errors that say what was expected. */
final class Factories {
  private Factories() {}

  static <T> T instantiate(String className, Class<T> type, String what) {
    Class<?> c;
    try {
      c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(what + " = '" + className + "': class not found", e);
    }
    if (!type.isAssignableFrom(c)) {
      throw new IllegalArgumentException(
          what + " = '" + className + "': must implement " + type.getName());
    }
    try {
      return type.cast(c.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          what + " = '" + className + "': needs a public no-argument constructor", e);
    }
  }
}
