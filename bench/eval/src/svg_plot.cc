#include "segugio/eval/svg_plot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

namespace segugio::eval {

namespace {

// Distinguishable colours (Okabe-Ito, then darker extras); after them the
// dash patterns change so that any number of lines stays apart.
constexpr std::array kColours = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
                                 "#56B4E9", "#000000", "#8C564B", "#7F7F7F", "#BCBD22"};
constexpr std::array kDashes = {"", "6,3", "2,3", "8,3,2,3"};

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

void write_recall_plot(std::ostream& out, const std::vector<PlotSeries>& series,
                       const PlotOptions& options) {
  // The legend needs 22 px a line: grow the picture when there are many.
  const int height = std::max(options.height, 140 + 22 * static_cast<int>(series.size()));
  // The y axis starts at the lowest value of the curves that end above half
  // of the best one: a collapsed configuration (AND over long questions)
  // would squash the others; its curve runs along the bottom, marked in the
  // legend.
  std::size_t max_k = 1;
  double best_end = 0;
  for (const PlotSeries& s : series) {
    max_k = std::max(max_k, s.values.size());
    if (!s.values.empty()) best_end = std::max(best_end, s.values.back());
  }
  const auto collapsed = [&](const PlotSeries& s) {
    return s.values.empty() || s.values.back() < best_end / 2;
  };
  double lowest = 1.0;
  for (const PlotSeries& s : series)
    if (!collapsed(s))
      for (const double v : s.values) lowest = std::min(lowest, v);
  const double y_min = std::clamp(std::floor(lowest * 10.0) / 10.0, 0.0, 0.9);
  std::vector<std::string> labels;
  std::size_t longest = 0;
  for (const PlotSeries& s : series) {
    labels.push_back(s.name + (collapsed(s) && y_min > 0 ? " (below the axis)" : ""));
    longest = std::max(longest, labels.back().size());
  }

  // The legend on the right, as wide as the longest label (about 7.5 px a
  // character at 13 px).
  const int width = std::max(options.width, 560 + 8 * static_cast<int>(longest));
  const double w = width, h = height;
  const double left = 80, right = 70 + 7.5 * static_cast<double>(longest), top = 50, bottom = 70;
  const double plot_w = w - left - right, plot_h = h - top - bottom;
  max_k = std::max<std::size_t>(max_k, 10);
  const double log_max = std::log10(static_cast<double>(max_k));
  const auto x_of = [&](double k) { return left + plot_w * std::log10(k) / log_max; };
  const auto y_of = [&](double v) { return top + plot_h * (1.0 - (v - y_min) / (1.0 - y_min)); };

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << ' ' << height
      << "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << num(left + plot_w / 2) << "\" y=\"28\" text-anchor=\"middle\" "
      << "font-size=\"17\" font-weight=\"bold\">" << escape(options.title) << "</text>\n";

  // Grid and tick labels: y every 0.05 (0.1 when the range is wide).
  const double y_step = 1.0 - y_min > 0.5 ? 0.1 : 0.05;
  for (double v = y_min; v <= 1.0 + 1e-9; v += y_step) {
    const double y = y_of(v);
    out << "<line x1=\"" << num(left) << "\" y1=\"" << num(y) << "\" x2=\"" << num(left + plot_w)
        << "\" y2=\"" << num(y) << "\" stroke=\"#e0e0e0\"/>\n"
        << "<text x=\"" << num(left - 8) << "\" y=\"" << num(y + 4) << "\" text-anchor=\"end\">"
        << (std::round(v * 100) / 100) << "</text>\n";
  }
  for (double decade = 1; decade <= static_cast<double>(max_k); decade *= 10) {
    for (const double m : {1.0, 2.0, 5.0}) {
      const double k = decade * m;
      if (k > static_cast<double>(max_k)) break;
      const double x = x_of(k);
      out << "<line x1=\"" << num(x) << "\" y1=\"" << num(top) << "\" x2=\"" << num(x) << "\" y2=\""
          << num(top + plot_h) << "\" stroke=\"#e0e0e0\"/>\n"
          << "<text x=\"" << num(x) << "\" y=\"" << num(top + plot_h + 20)
          << "\" text-anchor=\"middle\">" << static_cast<long>(k) << "</text>\n";
    }
  }
  // Axes and their titles.
  out << "<line x1=\"" << num(left) << "\" y1=\"" << num(top + plot_h) << "\" x2=\""
      << num(left + plot_w) << "\" y2=\"" << num(top + plot_h) << "\" stroke=\"black\"/>\n"
      << "<line x1=\"" << num(left) << "\" y1=\"" << num(top) << "\" x2=\"" << num(left)
      << "\" y2=\"" << num(top + plot_h) << "\" stroke=\"black\"/>\n"
      << "<text x=\"" << num(left + plot_w / 2) << "\" y=\"" << num(h - 20)
      << "\" text-anchor=\"middle\">" << escape(options.x_title) << "</text>\n"
      << "<text x=\"20\" y=\"" << num(top + plot_h / 2) << "\" text-anchor=\"middle\" "
      << "transform=\"rotate(-90 20 " << num(top + plot_h / 2) << ")\">" << escape(options.y_title)
      << "</text>\n";

  // Lines and legend.
  for (std::size_t i = 0; i < series.size(); ++i) {
    const PlotSeries& s = series[i];
    const char* colour = kColours[i % kColours.size()];
    const char* dash = kDashes[(i / kColours.size()) % kDashes.size()];
    const std::string dash_attr =
        *dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string();
    if (!s.values.empty()) {
      out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\"" << dash_attr
          << " points=\"";
      for (std::size_t k = 1; k <= s.values.size(); ++k)
        out << (k > 1 ? " " : "") << num(x_of(static_cast<double>(k))) << ','
            << num(y_of(std::max(s.values[k - 1], y_min)));
      out << "\"/>\n";
    }
    const double ly = top + 10 + 22.0 * static_cast<double>(i);
    const double lx = left + plot_w + 20;
    out << "<line x1=\"" << num(lx) << "\" y1=\"" << num(ly) << "\" x2=\"" << num(lx + 28)
        << "\" y2=\"" << num(ly) << "\" stroke=\"" << colour << "\" stroke-width=\"2\"" << dash_attr
        << "/>\n"
        << "<text x=\"" << num(lx + 36) << "\" y=\"" << num(ly + 4) << "\">" << escape(labels[i])
        << "</text>\n";
  }
  out << "</svg>\n";
}

}  // namespace segugio::eval
