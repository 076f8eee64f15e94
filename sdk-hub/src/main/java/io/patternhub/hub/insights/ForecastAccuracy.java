package io.patternhub.hub.insights;

/**
 * How well the forecast method did on the last weeks of history when it had not seen them, next to the
 * naive seasonal forecast (each held-back day predicted by the same weekday of the last week seen).
 *
 * @param holdoutDays days held back
 * @param modelMae    mean absolute daily error of the Holt-Winters forecast
 * @param naiveMae    mean absolute daily error of the naive seasonal forecast
 * @param errorRatio  {@code modelMae / naiveMae}; below 1 means the model beats the naive forecast
 * @param mase        mean absolute scaled error: {@code modelMae} over the in-sample naive seasonal MAE
 */
public record ForecastAccuracy(int holdoutDays, double modelMae, double naiveMae, double errorRatio, double mase) {

    /** Whether the model beat the naive seasonal forecast on the held-back weeks. */
    public boolean beatsNaive() {
        return errorRatio < 1;
    }
}
