/* The review report's script: inlined into report.html by pipeline/report/html_page.py. Own work, no library.
 *
 * Python renders (and escapes) every piece of HTML; this script only filters and pages the rows of the
 * JSON payload (#report-data) and, when a document is opened (#d-<key>, or #f-<key> for one of its
 * findings), inserts that document's details (the inert text of the element #doc-<key>, a script of type text/html).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("report-data").textContent);
  var PAGE_SIZES = { findings: 50, documents: 25, fields: 50, deadlines: 50 };
  var NOUNS = { findings: "phát hiện", documents: "văn bản", fields: "dòng", deadlines: "thời hạn" };
  var filters = { u: "", y: "", r: "", s: "", t: "" };
  var tables = {};
  var findingDoc = {};
  data.findings.forEach(function (row) { findingDoc[row.k] = row.d; });

  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  function matches(name, row) {
    if (filters.u && row.u !== filters.u) return false;
    if (filters.y && row.y !== filters.y) return false;
    if (name === "findings") {
      if (filters.r && row.r !== filters.r) return false;
      if (filters.s && row.s !== filters.s) return false;
    } else if (name === "documents" && (filters.r || filters.s)) {
      var wanted = row.rs.some(function (pair) {
        var parts = pair.split("|");
        return (!filters.r || parts[0] === filters.r) && (!filters.s || parts[1] === filters.s);
      });
      if (!wanted) return false;
    }
    return !filters.t || row.t.indexOf(filters.t) >= 0;
  }

  function PagedTable(name, rows) {
    this.name = name;
    this.rows = rows;
    this.page = 0;
    this.all = false;
    this.body = document.querySelector("#" + name + "-table tbody");
    this.columns = document.querySelectorAll("#" + name + "-table thead th").length;
    this.pagers = document.querySelectorAll('.pager[data-table="' + name + '"]');
  }

  PagedTable.prototype.render = function () {
    var name = this.name;
    var shown = this.rows.filter(function (row) { return matches(name, row); });
    var size = this.all ? Math.max(shown.length, 1) : PAGE_SIZES[name];
    var pages = Math.max(1, Math.ceil(shown.length / size));
    this.page = Math.min(this.page, pages - 1);
    var first = this.page * size;
    var slice = shown.slice(first, first + size);
    this.body.innerHTML = slice.length
      ? slice.map(function (row) { return row.h; }).join("")
      : '<tr class="empty"><td colspan="' + this.columns + '">Không có dòng nào khớp bộ lọc.</td></tr>';
    this.shown = shown.length;
    var text = shown.length
      ? "Hiển thị " + (first + 1) + "–" + (first + slice.length) + " trong " + shown.length + " " + NOUNS[name]
      : "0 " + NOUNS[name];
    if (shown.length !== this.rows.length) text += " (lọc từ " + this.rows.length + ")";
    var self = this;
    this.pagers.forEach(function (pager) {
      pager.textContent = "";
      var label = document.createElement("span");
      label.className = "pager-text";
      label.textContent = text;
      pager.appendChild(label);
      if (!self.all && pages > 1) {
        pager.appendChild(self.button("‹ Trước", self.page === 0, function () { self.page -= 1; self.render(); }));
        var where = document.createElement("span");
        where.textContent = "trang " + (self.page + 1) + "/" + pages;
        pager.appendChild(where);
        pager.appendChild(self.button("Sau ›", self.page >= pages - 1, function () { self.page += 1; self.render(); }));
      }
      if (shown.length > PAGE_SIZES[name]) {
        var all = self.button(self.all ? "Chia trang" : "Hiện tất cả", false, function () {
          self.all = !self.all;
          self.page = 0;
          self.render();
        });
        all.className = "show-all";
        pager.appendChild(all);
      }
    });
  };

  PagedTable.prototype.button = function (text, disabled, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.disabled = disabled;
    button.addEventListener("click", onClick);
    return button;
  };

  function renderAll() {
    Object.keys(tables).forEach(function (name) { tables[name].page = 0; tables[name].render(); });
    var active = Object.keys(filters).filter(function (key) { return filters[key]; }).length;
    document.getElementById("f-summary").textContent = active
      ? "Đang lọc: " + tables.findings.shown + " phát hiện, " + tables.documents.shown + " văn bản"
      : "";
    document.querySelectorAll("#filters [data-filter]").forEach(function (input) {
      input.classList.toggle("active", Boolean(filters[input.dataset.filter]));
    });
  }

  function setFilter(key, value) {
    filters[key] = key === "t" ? fold(value) : value;
    var input = document.querySelector('#filters [data-filter="' + key + '"]');
    if (input && input.value !== value) input.value = value;
  }

  document.querySelectorAll("#filters [data-filter]").forEach(function (input) {
    var key = input.dataset.filter;
    input.addEventListener(key === "t" ? "input" : "change", function () {
      setFilter(key, input.value);
      renderAll();
    });
  });

  document.getElementById("f-clear").addEventListener("click", function () {
    Object.keys(filters).forEach(function (key) { setFilter(key, ""); });
    renderAll();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-set]");
    if (link) {
      Object.keys(filters).forEach(function (key) { setFilter(key, ""); });
      setFilter(link.dataset.set, link.dataset.value);
      if (link.dataset.set2) setFilter(link.dataset.set2, link.dataset.value2);
      renderAll();
    }
    if (event.target.closest(".close-doc")) {
      closeDocument();
      location.hash = "#phat-hien";
    }
  });

  function closeDocument() {
    var view = document.getElementById("doc-view");
    view.hidden = true;
    view.innerHTML = "";
    view.dataset.doc = "";
  }

  function openDocument(key, targetId) {
    var source = document.getElementById("doc-" + key);
    if (!source) return false;
    var view = document.getElementById("doc-view");
    if (view.dataset.doc !== key) {
      view.innerHTML = source.textContent;
      view.dataset.doc = key;
    }
    view.hidden = false;
    var target = document.getElementById(targetId) || view;
    var header = document.querySelector("header.top");
    var top = target.getBoundingClientRect().top + window.pageYOffset - (header ? header.offsetHeight : 0) - 8;
    window.scrollTo(0, Math.max(0, top));
    if (target.classList.contains("finding")) {
      target.classList.remove("flash");
      void target.offsetWidth;
      target.classList.add("flash");
    }
    return true;
  }

  function route() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    var match = /^f-([0-9a-f]+)$/.exec(hash);
    if (match && findingDoc[match[1]]) return openDocument(findingDoc[match[1]], "f-" + match[1]);
    match = /^d-([0-9a-f]+)(?::([a-z-]+))?$/.exec(hash);
    if (match) return openDocument(match[1], match[2] ? "d-" + match[1] + "-" + match[2] : "d-" + match[1]);
    return false;
  }

  window.addEventListener("hashchange", route);

  tables.findings = new PagedTable("findings", data.findings);
  tables.documents = new PagedTable("documents", data.documents);
  tables.fields = new PagedTable("fields", data.fields);
  tables.deadlines = new PagedTable("deadlines", data.deadlines);
  renderAll();
  route();
  document.documentElement.dataset.ready = "1";
  window.cchcReadyAt = performance.now();
})();
