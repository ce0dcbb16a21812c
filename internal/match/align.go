package match

// alignment is the result of aligning a selection with a candidate.
type alignment struct {
	covered     float64 // weight of the selection covered, substitutions at half
	matched     int     // selection tokens matched exactly
	contiguous  bool    // the selection appears word for word in the candidate
	candMatched []bool  // which candidate tokens were matched
	spread      int     // candidate tokens from the first aligned one to the last
	selFirst    int     // first and last selection tokens aligned
	selLast     int
	// pairs are the aligned (selection, candidate) token indexes, last
	// first.
	pairs [][2]int
}

// substitutionCredit is the share of a token's weight earned when it is
// replaced one-for-one by another word between two aligned words: a
// re-translation keeps the frame and swaps words ("prudence"/"caution").
const substitutionCredit = 0.5

// maxSubstitution is the longest run of one-for-one substitutions credited.
const maxSubstitution = 2

// align computes a weighted longest common subsequence of sel and cand.
// w holds the weight of each selection token. dp is scratch space reused
// across calls.
func align(sel, cand []int32, w []float64, dp []float64) (alignment, []float64) {
	n, m := len(sel), len(cand)
	need := (n + 1) * (m + 1)
	if cap(dp) < need {
		dp = make([]float64, need)
	}
	dp = dp[:need]
	for j := 0; j <= m; j++ {
		dp[j] = 0
	}
	stride := m + 1
	for i := 1; i <= n; i++ {
		row, prev := dp[i*stride:], dp[(i-1)*stride:]
		row[0] = 0
		for j := 1; j <= m; j++ {
			best := prev[j]
			if row[j-1] > best {
				best = row[j-1]
			}
			if sel[i-1] == cand[j-1] {
				if v := prev[j-1] + w[i-1]; v > best {
					best = v
				}
			}
			row[j] = best
		}
	}
	// Trace back the matched pairs.
	var pairs [][2]int
	for i, j := n, m; i > 0 && j > 0; {
		switch {
		case sel[i-1] == cand[j-1] && dp[i*stride+j] == dp[(i-1)*stride+j-1]+w[i-1]:
			pairs = append(pairs, [2]int{i - 1, j - 1})
			i, j = i-1, j-1
		case dp[(i-1)*stride+j] >= dp[i*stride+j-1]:
			i--
		default:
			j--
		}
	}
	a := alignment{candMatched: make([]bool, m), pairs: pairs}
	for k := len(pairs) - 1; k >= 0; k-- {
		i, j := pairs[k][0], pairs[k][1]
		a.covered += w[i]
		a.matched++
		a.candMatched[j] = true
		if k < len(pairs)-1 {
			pi, pj := pairs[k+1][0], pairs[k+1][1]
			if gi, gj := i-pi-1, j-pj-1; gi == gj && gi >= 1 && gi <= maxSubstitution {
				for x := pi + 1; x < i; x++ {
					a.covered += substitutionCredit * w[x]
				}
			}
		}
	}
	if len(pairs) > 0 {
		a.spread = pairs[0][1] - pairs[len(pairs)-1][1] + 1
		a.selFirst, a.selLast = pairs[len(pairs)-1][0], pairs[0][0]
	}
	if len(pairs) == n && n > 0 {
		first, last := pairs[len(pairs)-1], pairs[0]
		a.contiguous = last[1]-first[1] == n-1
	}
	return a, dp
}
