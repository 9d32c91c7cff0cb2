package org.bankcrm.domain.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The area under the ROC curve of a score that should rank won above lost opportunities: the probability
 * that a random won one scores higher than a random lost one, a tie counting half (Mann–Whitney U with
 * average ranks). 1 ranks perfectly, 0.5 is no better than chance.
 */
public final class Auc {

    private Auc() {
    }

    /** Null when there is no won or no lost score to compare. */
    public static Double of(List<Double> won, List<Double> lost) {
        if (won.isEmpty() || lost.isEmpty()) {
            return null;
        }
        record Item(double score, boolean won) {
        }
        List<Item> all = new ArrayList<>();
        won.forEach(s -> all.add(new Item(s, true)));
        lost.forEach(s -> all.add(new Item(s, false)));
        all.sort(Comparator.comparingDouble(Item::score));
        double rankSumWon = 0;
        int i = 0;
        while (i < all.size()) {
            int j = i;
            while (j + 1 < all.size() && all.get(j + 1).score() == all.get(i).score()) {
                j++;
            }
            double averageRank = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                if (all.get(k).won()) {
                    rankSumWon += averageRank;
                }
            }
            i = j + 1;
        }
        double nWon = won.size();
        double u = rankSumWon - nWon * (nWon + 1) / 2;
        return u / (nWon * lost.size());
    }
}
