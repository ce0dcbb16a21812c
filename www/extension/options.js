/* quotetrail options: whether cards open by themselves, and the indexes a
 * lookup asks besides the built-in one. Each asks the browser for exactly
 * the host permission it needs, from the reader's click (browsers grant
 * permissions only from a user's gesture, so permissions.request is called
 * before anything else in the handler). The background reads the same
 * storage and follows it. */
'use strict';
var api = typeof browser !== 'undefined' ? browser : chrome;
var ALL_SITES = ['http://*/*', 'https://*/*'];
var DEFAULTS = { auto: false, indexes: [] };
var $ = function (id) { return document.getElementById(id); };

function say(text) { $('status').textContent = text; }

// originOf is the host permission an index URL needs (as background.js).
function originOf(url) {
  var u = new URL(url);
  return u.protocol + '//' + u.hostname + '/*';
}

// normal returns the index address as stored, or throws a reader's message.
function normal(text) {
  var u;
  try { u = new URL(String(text).trim()); } catch (e) { throw new Error('That is not a web address.'); }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('An index address starts with https:// (or http://).');
  u.hash = '';
  if (!/\/$|\/entry\.qtf$|\.qti$/.test(u.pathname)) throw new Error('An index address names a folder index (ending in /) or an index.qti file.');
  return u.href;
}

function draw(s) {
  $(s.auto ? 'mode-auto' : 'mode-asked').checked = true;
  var list = $('indexes');
  list.textContent = '';
  s.indexes.forEach(function (url) {
    var li = document.createElement('li');
    li.setAttribute('data-url', url);
    var name = document.createElement('span');
    name.textContent = url;
    var rm = document.createElement('button');
    rm.type = 'button';
    rm.textContent = 'Remove';
    rm.setAttribute('aria-label', 'Remove ' + url);
    rm.addEventListener('click', function () { remove(url); });
    li.append(name, rm);
    list.append(li);
  });
}

function load() { return api.storage.local.get(DEFAULTS).then(function (s) { draw(s); return s; }); }

async function remove(url) {
  var s = await api.storage.local.get(DEFAULTS);
  s.indexes = s.indexes.filter(function (u) { return u !== url; });
  await api.storage.local.set({ indexes: s.indexes });
  // The host's permission goes too, unless another index or automatic
  // cards still need it.
  var origin = originOf(url);
  var still = s.indexes.some(function (u) { return originOf(u) === origin; });
  if (!still) await api.permissions.remove({ origins: [origin] }).catch(function () {});
  draw(s);
  say('Removed ' + url + '.');
}

$('add-form').addEventListener('submit', function (ev) {
  ev.preventDefault();
  var url;
  try { url = normal($('index-url').value); } catch (e) { say(e.message); return; }
  api.permissions.request({ origins: [originOf(url)] }).then(async function (granted) {
    if (!granted) { say('Not added: quotetrail may not reach ' + new URL(url).host + '.'); return; }
    var s = await api.storage.local.get(DEFAULTS);
    if (s.indexes.indexOf(url) < 0) s.indexes.push(url);
    await api.storage.local.set({ indexes: s.indexes });
    $('index-url').value = '';
    draw(s);
    say('Added ' + url + ': lookups now ask it too.');
  }, function (e) { say('Not added: ' + e.message); });
});

$('modes').addEventListener('change', function (ev) {
  if (ev.target.value === 'auto') {
    api.permissions.request({ origins: ALL_SITES }).then(function (granted) {
      if (!granted) {
        $('mode-asked').checked = true;
        say('Cards open only when you ask: the browser did not allow quotetrail on every site.');
        return;
      }
      return api.storage.local.set({ auto: true }).then(function () { say('Cards open by themselves on pages you open from now on.'); });
    }, function (e) { $('mode-asked').checked = true; say(e.message); });
  } else {
    api.storage.local.set({ auto: false }).then(function () { say('Cards open only when you ask.'); });
  }
});

load();
