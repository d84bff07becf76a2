package io.nash.spark;

import io.nash.search.engine.CheckpointStore;
import io.nash.search.engine.SearchState;
import io.nash.store.CommittedDir;
import io.nash.store.Store;
import io.nash.store.UnitCommitter;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search checkpoints in the store: {@code <dir>/round-<n>/} is one unit committed by {@link
 * UnitCommitter} (the file {@code state.bin} and the {@code _COMMITTED} marker; renamed into place
 * where rename is atomic, the marker written last on object stores). A reader trusts only a
 * committed round whose state passes the marker's SHA-256 and its own CRC, so a checkpoint
 * interrupted at any point is invisible and the newest complete one is used. Committing a round
 * that is already committed does nothing: a round's state is a pure function of the run (section
 * 2.4 of architecture.md), so the committed copy equals the new one; a committed round whose state
 * no longer reads back whole is replaced. Thread-safe for one writer.
 */
public final class HadoopCheckpointStore implements CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopCheckpointStore.class);
  private static final Pattern ROUND = Pattern.compile("round-(\\d{1,9})");
  static final String STATE = "state.bin";

  private final Store store;
  private final String dir;

  /**
   * @param store the run's store (not closed here)
   * @param dir the store-relative checkpoints folder, e.g. {@code runs/r1/checkpoints}
   */
  public HadoopCheckpointStore(Store store, String dir) {
    this.store = store;
    this.dir = dir;
  }

  @Override
  public void commit(SearchState state) {
    String unit = dir + "/round-" + state.nextRound();
    if (UnitCommitter.isCommitted(store, unit)
        && UnitCommitter.open(store, unit).flatMap(this::state).isEmpty()) {
      // committed once, damaged since (the store warned): readers skip it, so replace it
      LOG.warn("replacing damaged checkpoint {}", store.uriOf(unit));
      store.delete(unit);
    }
    UnitCommitter.Outcome o = UnitCommitter.commit(store, unit, Map.of(STATE, state.toBytes()));
    LOG.info("checkpoint {}: {}", store.uriOf(unit), o);
  }

  @Override
  public Optional<SearchState> latest() {
    for (String name :
        store.list(dir).stream()
            .filter(n -> ROUND.matcher(n).matches())
            .sorted(Comparator.comparingInt(HadoopCheckpointStore::round).reversed())
            .toList()) {
      int r = round(name);
      Optional<byte[]> bytes = UnitCommitter.open(store, dir + "/" + name).flatMap(this::state);
      if (bytes.isEmpty()) {
        continue; // uncommitted, or corrupt (the store warned, naming the object)
      }
      try {
        SearchState s = SearchState.fromBytes(bytes.get());
        if (s.nextRound() == r) {
          return Optional.of(s);
        }
        LOG.warn(
            "checkpoint {} holds round {}: skipped", store.uriOf(dir + "/" + name), s.nextRound());
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "checkpoint {} unreadable, skipped: {}", store.uriOf(dir + "/" + name), e.toString());
      }
    }
    return Optional.empty();
  }

  private Optional<byte[]> state(CommittedDir unit) {
    return unit.names().contains(STATE) ? unit.read(STATE) : Optional.empty();
  }

  private static int round(String name) {
    Matcher m = ROUND.matcher(name);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Tests only: writes raw bytes under the checkpoints folder, bypassing the commit. */
  void writeRaw(String relative, byte[] bytes) {
    store.put(dir + "/" + relative, bytes);
  }
}
