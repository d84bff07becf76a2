package io.nash.data;

import java.nio.file.Path;

/**
 * A dataset file that cannot be read as its format says: bad magic, wrong count, short read, label
 * out of range. The message names the file and what is wrong.
 *
 * <p>Public although only this package throws it: it leaves the package through the readers and
 * {@code DatasetSpec#load}, so callers may catch it and ask for the {@link #file()}.
 */
public final class MalformedDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public MalformedDataException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public MalformedDataException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }
}
