package io.nash;

/** The engine's name and version, for provenance records and {@code --version}. */
public final class Version {
  private Version() {}

  public static final String NAME = "nash";

  /** The project version from the jar manifest, or "dev" when run from classes. */
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
