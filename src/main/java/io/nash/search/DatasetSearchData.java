package io.nash.search;

import io.nash.data.DataSplits;
import io.nash.data.DatasetSpec;
import io.nash.data.ImageDataset;
import io.nash.data.SearchSplit;
import io.nash.search.api.Batch;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchDataFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search data of a real dataset ({@code io.nash.data}): the first {@code portion} of the
 * (limited) training set trains weights, the rest trains alpha (the reference split), normalized
 * with the dataset's standard constants and optionally zero-padded. The factory spec is the dataset
 * spec plus options after {@code #}: {@code fashion-mnist#limit=6000&pad=32&portion=0.5}. Opened on
 * each executor and cached per JVM by the engine; immutable and thread-safe.
 */
public final class DatasetSearchData implements SearchData, SearchDataFactory {
  private final ImageDataset weights;
  private final ImageDataset alpha;

  /** Factory constructor (the engine instantiates factories by class name). */
  public DatasetSearchData() {
    this.weights = null;
    this.alpha = null;
  }

  private DatasetSearchData(SearchSplit split) {
    this.weights = split.weights();
    this.alpha = split.alpha();
  }

  /** The factory spec string for a dataset spec and options. */
  public static String spec(String dataset, int trainLimit, int padTo, double portion) {
    return dataset + "#limit=" + trainLimit + "&pad=" + padTo + "&portion=" + portion;
  }

  @Override
  public SearchData open(String spec, Map<String, String> hadoopSettings) {
    int hash = spec.lastIndexOf('#');
    String dataset = hash < 0 ? spec : spec.substring(0, hash);
    Map<String, String> opt = options(hash < 0 ? "" : spec.substring(hash + 1));
    int limit = Integer.parseInt(opt.getOrDefault("limit", "0"));
    int pad = Integer.parseInt(opt.getOrDefault("pad", "0"));
    double portion = Double.parseDouble(opt.getOrDefault("portion", "0.5"));
    DatasetSpec ds = DatasetSpec.parse(dataset);
    DataSplits splits = ds.load();
    ImageDataset train = limit > 0 ? splits.train().limit(limit) : splits.train();
    if (pad > 0 && train.shape().height() < pad) {
      train = train.padTo(pad);
    }
    io.nash.data.Normalization norm = ds.standardNormalization();
    // datasets without published constants (synthetic, image folders): fit on the training split
    train = train.normalized(norm != null ? norm : io.nash.data.Normalization.fit(train));
    return new DatasetSearchData(SearchSplit.of(train, portion));
  }

  private static Map<String, String> options(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : s.split("&")) {
      if (kv.isBlank()) {
        continue;
      }
      int i = kv.indexOf('=');
      if (i <= 0) {
        throw new IllegalArgumentException("search data option '" + kv + "': must be key=value");
      }
      m.put(kv.substring(0, i), kv.substring(i + 1));
    }
    return m;
  }

  private ImageDataset of(Split split) {
    if (weights == null) {
      throw new IllegalStateException("factory instance: call open() first");
    }
    return split == Split.TRAIN ? weights : alpha;
  }

  @Override
  public int size(Split split) {
    return of(split).size();
  }

  @Override
  public Batch batch(Split split, int[] indices) {
    io.nash.data.Batch b = of(split).batch(indices, 0, indices.length);
    int[] shape = {b.shape().channels(), b.shape().height(), b.shape().width()};
    return new Batch(b.x(), b.y(), shape);
  }
}
