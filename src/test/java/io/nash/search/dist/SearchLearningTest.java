package io.nash.search.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.data.DatasetSpec;
import io.nash.nn.SupernetSpec;
import io.nash.search.DatasetSearchData;
import io.nash.search.SupernetSearchModel;
import io.nash.search.api.SearchData;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import io.nash.testutil.SearchFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The learning test of the search: Fashion-MNIST, the real supernet at width 8, the driver's single
 * process (one partition, one local step, {@link LocalRoundEngine}). The first 10000 training
 * images (5000 train the weights, 5000 alpha), batch 64, seed 2, 4 epochs of 78 rounds. The paper's
 * optimizer settings except the weight learning rate, 0.1 instead of 0.025 (as conf/demo.yaml):
 * over 4 epochs the cosine schedule decays within minutes, and 0.025 is tuned for 200 epochs.
 *
 * <p>Tagged slow: 312 rounds take 153 s on the quiet 2-core machine (5-7 minutes at load 12), over
 * the 2 minutes. 3 epochs (234 rounds, 122 s) reached 0.526 with seed 2 but 0.473 with seed
 * 3, so shortening it would make the test pass or fail by luck. Shorter searches measured there
 * (width 8, V1 and V4, 2-3 epochs of 6000-8000 images, batch 32-128, weight lr 0.1-0.3) reached
 * 0.38-0.49 in the last rounds, short of the 0.5 bar: the accuracy of randomly sampled paths
 * plateaus until alpha concentrates.
 */
class SearchLearningTest {
  private static final int IMAGES = 10000;
  private static final int BATCH = 64;
  private static final int EPOCHS = 4;
  private static final double WEIGHT_LR = 0.1;
  private static final int LAST_ROUNDS = 20;

  @Test
  @Tag("slow")
  void learnsFashionMnistAndMovesAlpha() {
    assertTrue(
        DatasetSpec.fashionMnistInstalled(),
        "Fashion-MNIST is missing from "
            + DatasetSpec.FASHION_MNIST_DIR
            + ": install it with `apt-get install -y dataset-fashion-mnist`");
    long t0 = System.nanoTime();
    SearchData data =
        new DatasetSearchData()
            .open(DatasetSearchData.spec("fashion-mnist", IMAGES, 0, 0.5), Map.of());
    int roundsPerEpoch = data.size(SearchData.Split.TRAIN) / BATCH;
    SearchSettings d = SearchSettings.defaults("learn", 2, EPOCHS * roundsPerEpoch, 1, 1, BATCH);
    SearchSettings s =
        new SearchSettings(
            d.runId(),
            d.seed(),
            d.rounds(),
            0,
            1,
            1,
            BATCH,
            d.pathSampling(),
            WEIGHT_LR,
            0,
            d.momentum(),
            d.weightDecay(),
            d.gradClip(),
            d.alphaLr(),
            d.alphaBeta1(),
            d.alphaBeta2(),
            d.alphaWeightDecay(),
            d.localAlphaLr(),
            0,
            false,
            "");
    SupernetSearchModel model =
        new SupernetSearchModel(
            SupernetSpec.of(Backbone.RESNET18, NashVersion.V1, 8, 1, 28, 10), 1);
    List<RoundStats> rounds = new ArrayList<>();
    SearchDriver.Result r = SearchFixtures.runLocal(s, model, data, null, rounds::add);

    // validation accuracy: the architecture steps' accuracy on the alpha split's batches (measured
    // before alpha learns from them; the weights never train on them), over the last 20 rounds
    double valid = 0;
    for (RoundStats st : rounds.subList(rounds.size() - LAST_ROUNDS, rounds.size())) {
      valid += st.validAccuracy();
    }
    valid /= LAST_ROUNDS;
    float[] alpha0 =
        new SearchDriver(s, model.layout(), model.alphaSize(), null, null, null)
            .initialState(new float[model.layout().total()], model.alphaSize())
            .alpha();
    double moved = SearchFixtures.maxAbsErr(r.state().alpha(), alpha0);
    double init = SearchFixtures.maxAbsErr(alpha0, new float[alpha0.length]);
    System.out.printf(
        "learning test: %d rounds, valid acc %.4f (last %d rounds), alpha moved %.5f, %.1f s%n",
        rounds.size(), valid, LAST_ROUNDS, moved, (System.nanoTime() - t0) / 1e9);
    assertTrue(valid > 0.5, "validation accuracy " + valid + " (chance: 0.1)");
    // Alpha's weight decay alone pulls each entry towards 0 by at most lr per step and stops
    // there: it can move an entry by at most max|alpha0| + lr. Twice that needs the gradient.
    double decayOnly = init + s.alphaLr();
    assertTrue(
        moved > 2 * decayOnly,
        "largest alpha change " + moved + ": weight decay alone reaches " + decayOnly);
  }
}
