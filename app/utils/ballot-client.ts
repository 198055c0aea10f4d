/** Header the tablet's script sets to have its ballot cast answered as JSON instead of a redirect. */
export const BALLOT_FETCH_HEADER = "X-Ballot-Client";
