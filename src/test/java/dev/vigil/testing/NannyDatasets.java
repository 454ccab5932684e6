package dev.vigil.testing;

/**
 * Monitor configurations (without calculators) for NannyML's datasets in ../shared, as the oracle
 * runs used: NannyML's exact rule for flat reference bands ({@code flat_bands: nannyml}).
 */
public final class NannyDatasets {
    private NannyDatasets() {}

    /** Synthetic car loan, binary classification, chunks of 5000 rows. */
    public static String carLoan() {
        return """
        monitor: car_loan
        problem_type: binary_classification
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns:
          timestamp: timestamp
          id: id
          features: [car_value, salary_range, debt_to_income_ratio, loan_length, repaid_loan_on_prev_car, size_of_downpayment, driver_tenure]
          prediction: y_pred
          scores: y_pred_proba
          target: repaid
        chunking: {size: 5000}
        flat_bands: nannyml
        """.formatted(
                        SharedData.dataset("synthetic_car_loan_reference.csv"),
                        SharedData.dataset("synthetic_car_loan_analysis.csv"));
    }

    /** Car loan with the analysis targets joined on the id. */
    public static String carLoanWithTargets() {
        return carLoan()
                + "targets: {path: %s, format: csv, join_on: id}\n"
                        .formatted(SharedData.dataset("synthetic_car_loan_analysis_target.csv"));
    }

    /** Synthetic credit card, multiclass classification, chunks of 6000 rows. */
    public static String multiclass() {
        return """
        monitor: credit_card
        problem_type: multiclass_classification
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns:
          timestamp: timestamp
          id: id
          features: [acq_channel, app_behavioral_score, requested_credit_limit, app_channel, credit_bureau_score, stated_income, is_customer]
          prediction: y_pred
          scores: {prepaid_card: y_pred_proba_prepaid_card, highstreet_card: y_pred_proba_highstreet_card, upmarket_card: y_pred_proba_upmarket_card}
          target: y_true
        chunking: {size: 6000}
        flat_bands: nannyml
        """.formatted(SharedData.dataset("mc_reference.csv"), SharedData.dataset("mc_analysis.csv"));
    }

    /** Synthetic car price, regression, chunks of 6000 rows. */
    public static String regression() {
        return """
        monitor: car_price
        problem_type: regression
        reference: {path: %s, format: csv}
        analysis: {path: %s, format: csv}
        columns:
          timestamp: timestamp
          id: id
          features: [car_age, km_driven, price_new, accident_count, door_count, fuel, transmission]
          prediction: y_pred
          target: y_true
        chunking: {size: 6000}
        flat_bands: nannyml
        """.formatted(
                        SharedData.dataset("regression_synthetic_reference.csv"),
                        SharedData.dataset("regression_synthetic_analysis.csv"));
    }
}
