package io.nash.spark;

import io.nash.search.dist.CheckpointStore;
import io.nash.search.dist.SearchState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search checkpoints on any Hadoop FileSystem URI: {@code <dir>/round-<n>/state.bin} plus a {@code
 * _COMMITTED} marker. A checkpoint is written into {@code _tmp-round-<n>-<uuid>/}, the marker
 * written last, then the folder renamed to {@code round-<n>} (atomic on HDFS and local
 * filesystems). On object stores, where rename is a copy, the marker written last is what commits:
 * a reader only trusts a {@code round-<n>} folder with a marker and a checksum-valid state, so
 * partial folders are ignored either way. Thread-safe for one writer.
 */
public final class HadoopCheckpointStore implements CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopCheckpointStore.class);
  private static final Pattern ROUND = Pattern.compile("round-(\\d+)");
  static final String STATE = "state.bin";
  static final String MARKER = "_COMMITTED";

  private final Path dir;
  private final Map<String, String> hadoopSettings;

  /**
   * @param dir the checkpoints folder, e.g. {@code file:///tmp/store/runs/r1/checkpoints}
   */
  public HadoopCheckpointStore(String dir, Map<String, String> hadoopSettings) {
    this.dir = new Path(URI.create(dir));
    this.hadoopSettings = Map.copyOf(hadoopSettings);
  }

  private FileSystem fs() throws IOException {
    Configuration conf = new Configuration();
    hadoopSettings.forEach(conf::set);
    return dir.getFileSystem(conf);
  }

  @Override
  public void commit(SearchState state) {
    try {
      FileSystem fs = fs();
      String name = "round-" + state.nextRound();
      Path tmp = new Path(dir, "_tmp-" + name + "-" + UUID.randomUUID());
      fs.mkdirs(tmp);
      try (FSDataOutputStream out = fs.create(new Path(tmp, STATE), false)) {
        out.write(state.toBytes());
      }
      try (FSDataOutputStream out = fs.create(new Path(tmp, MARKER), false)) {
        out.write(new byte[0]);
      }
      Path fin = new Path(dir, name);
      if (fs.exists(fin)) {
        fs.delete(fin, true); // a rerun of the same round replaces the old copy
      }
      if (!fs.rename(tmp, fin)) {
        throw new IOException("rename " + tmp + " -> " + fin + " failed");
      }
      LOG.info("checkpoint committed: {}", fin);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint of round " + state.nextRound() + " failed", e);
    }
  }

  @Override
  public Optional<SearchState> latest() {
    try {
      FileSystem fs = fs();
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      FileStatus[] entries = fs.listStatus(dir);
      java.util.Arrays.sort(entries, (a, b) -> Integer.compare(round(b), round(a)));
      for (FileStatus st : entries) {
        int r = round(st);
        if (r < 0 || !fs.exists(new Path(st.getPath(), MARKER))) {
          continue; // temp folders and uncommitted rounds
        }
        try (InputStream in = fs.open(new Path(st.getPath(), STATE))) {
          SearchState s = SearchState.fromBytes(in.readAllBytes());
          if (s.nextRound() == r) {
            return Optional.of(s);
          }
          LOG.warn("checkpoint {} holds round {}: skipped", st.getPath(), s.nextRound());
        } catch (IOException | IllegalArgumentException e) {
          LOG.warn("checkpoint {} unreadable, skipped: {}", st.getPath(), e.toString());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("listing checkpoints in " + dir + " failed", e);
    }
  }

  private static int round(FileStatus st) {
    Matcher m = ROUND.matcher(st.getPath().getName());
    return st.isDirectory() && m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Convenience for tests and tools: writes raw bytes under the checkpoints folder. */
  void writeRaw(String relative, byte[] bytes) throws IOException {
    try (OutputStream out = fs().create(new Path(dir, relative), true)) {
      out.write(bytes);
    }
  }
}
