// Recall curves as a standalone SVG picture: one line per configuration,
// mean recall@k against k on a logarithmic axis, with tick labels, axis titles
// and a legend. Plain SVG 1.1 (no scripts, no external fonts or styles), so
// browsers, rsvg-convert and ImageMagick all draw it the same.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace segugio::eval {

struct PlotSeries {
  std::string name;            // legend label
  std::vector<double> values;  // values[i] is the value at k = i + 1
};

struct PlotOptions {
  std::string title = "Recall@k";
  std::string x_title = "k (documents retrieved, log scale)";
  std::string y_title = "mean recall@k";
  int width = 900;
  int height = 560;
};

// Writes the SVG. The y axis runs from the lowest value (rounded down to a
// tenth) to 1, leaving out the series that end below half of the best final
// value: those run along the bottom and say "(below the axis)" in the legend.
// The picture widens for long names and grows taller for many series. Series
// may differ in length; an empty list draws empty axes. Names are XML-escaped.
void write_recall_plot(std::ostream& out, const std::vector<PlotSeries>& series,
                       const PlotOptions& options = {});

}  // namespace segugio::eval
