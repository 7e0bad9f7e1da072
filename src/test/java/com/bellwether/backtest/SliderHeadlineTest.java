package com.bellwether.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.bellwether.scoring.HealthModel;
import com.bellwether.scoring.SamplePortfolio;

/**
 * A slider move's headline worked out in reused buffers is the headline of the frame made anew under the same model:
 * for weight and band changes (the buffered path), and for a scale change (which needs new measure scores).
 */
class SliderHeadlineTest {

    private static BacktestFrame frame;

    @BeforeAll
    static void build() throws Exception {
        frame = BacktestFrame.build(HealthModel.defaultModel(), SamplePortfolio.portfolio(), BacktestSettings.defaults(),
                () -> false);
    }

    @Test
    void weightAndBandMovesGiveTheHeadlineOfANewFrame() {
        HealthModel model = HealthModel.defaultModel();
        List<HealthModel> moves = new ArrayList<>();
        moves.add(model.withCategoryWeights(Map.of("adoption", 55.0, "engagement", 20.0)));
        moves.add(model.withCategoryWeights(Map.of("adoption", 25.0, "support", 35.0)));
        moves.add(model.withCategoryWeights(Map.of("adoption", 0.0, "engagement", 0.0, "support", 0.0)));
        moves.add(model.withBands(new HealthModel.Bands(55.0, 75.0)));
        moves.add(model);
        // One part, and the points split in seven parts whose counts are added up (as on several cores).
        for (BacktestFrame.Scratch scratch : List.of(new BacktestFrame.Scratch(1), new BacktestFrame.Scratch(7))) {
            for (HealthModel move : moves) {
                assertThat(frame.grid().reaggregates(move)).isTrue();
                assertThat(frame.headline(move, scratch)).usingRecursiveComparison()
                        .isEqualTo(frame.withModel(move).headline());
            }
        }
    }

    @Test
    void aScaleChangeTakesTheLongWayAndGivesTheSameFigures() {
        HealthModel model = HealthModel.defaultModel();
        HealthModel.Measure first = model.measures().get(0);
        List<double[]> scale = new ArrayList<>(first.scale());
        scale.set(0, new double[] {scale.get(0)[0] * 0.5, scale.get(0)[1]});
        HealthModel changed = model.withMeasure(new HealthModel.Measure(first.id(), first.label(), first.category(),
                first.derive(), first.direction(), scale, first.weight(), first.missing(), first.explain()));
        assertThat(frame.grid().reaggregates(changed)).isFalse();
        assertThat(frame.headline(changed, new BacktestFrame.Scratch())).usingRecursiveComparison()
                .isEqualTo(frame.withModel(changed).headline());
    }
}
