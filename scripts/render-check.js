// The rendering check of the report (scripts/check-report.sh): run by headless Chromium at
// the end of the report's page, it measures what the browser laid out and writes what it found
// into <pre id="render-check">, which the shell script reads from the dumped DOM:
//   figures N             the number of figures on the page
//   problem: TEXT         one line per problem
//   render-check: ok      when there is none
// A problem is: a figure without an SVG chart, a chart narrower than 800 px or lower than
// 150 px, a chart without any drawn data mark, a text outside its chart, two texts of a chart
// that overlap, a page wider than the window, or a summary table missing or not first.
(function () {
  var problems = [];
  // The marks that carry a chart's data (bars, medians, bands, tornado bars), not its markers.
  var marks = '.bar, .median, .band80, .band95, .lending, .collateral, .low, .high';
  var figures = document.querySelectorAll('figure');
  function name(svg, index) {
    var title = svg.querySelector('title');
    return 'chart ' + (index + 1) + ' (' + (title ? title.textContent : 'untitled') + ')';
  }
  function overlap(a, b) {
    var width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return width > 2 && height > 2;
  }
  for (var index = 0; index < figures.length; index++) {
    var svg = figures[index].querySelector('svg');
    if (!svg) {
      problems.push('figure ' + (index + 1) + ' holds no SVG chart');
      continue;
    }
    var label = name(svg, index);
    var box = svg.getBoundingClientRect();
    if (box.width < 800 || box.height < 150) {
      problems.push(label + ' is drawn ' + Math.round(box.width) + ' x ' +
        Math.round(box.height) + ' px');
    }
    var drawn = 0;
    var found = svg.querySelectorAll(marks);
    for (var m = 0; m < found.length; m++) {
      var markBox = found[m].getBoundingClientRect();
      if (markBox.width > 0 || markBox.height > 0) drawn++;
    }
    if (drawn === 0) problems.push(label + ' draws no data');
    var texts = svg.querySelectorAll('text');
    var boxes = [];
    for (var t = 0; t < texts.length; t++) {
      var textBox = texts[t].getBoundingClientRect();
      var content = texts[t].textContent;
      if (textBox.left < box.left - 1 || textBox.right > box.right + 1 ||
          textBox.top < box.top - 1 || textBox.bottom > box.bottom + 1) {
        problems.push(label + ': the text "' + content + '" runs outside the chart');
      }
      for (var other = 0; other < boxes.length; other++) {
        if (overlap(textBox, boxes[other].box)) {
          problems.push(label + ': the texts "' + boxes[other].content + '" and "' + content +
            '" overlap');
        }
      }
      boxes.push({ box: textBox, content: content });
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push('the page is ' + document.documentElement.scrollWidth +
      ' px wide in a window of ' + window.innerWidth + ' px');
  }
  var summary = document.querySelector('table.summary');
  if (!summary) {
    problems.push('the page has no summary table');
  } else if (figures.length > 0 &&
      !(summary.compareDocumentPosition(figures[0]) & Node.DOCUMENT_POSITION_FOLLOWING)) {
    problems.push('the summary table does not come before the charts');
  }
  var lines = ['figures ' + figures.length];
  for (var p = 0; p < problems.length; p++) lines.push('problem: ' + problems[p]);
  if (problems.length === 0) lines.push('render-check: ok');
  var output = document.createElement('pre');
  output.setAttribute('id', 'render-check');
  output.textContent = '\n' + lines.join('\n') + '\n';
  document.body.appendChild(output);
})();
