/**
 * URL shortener domains from Apache SpamAssassin 4.0.1 `25_url_shortener.cf` (Apache License 2.0, see NOTICE).
 * A leading dot matches any subdomain.
 */
export const urlShorteners: readonly string[] = [
  '.ftn.app', '.page.link', '.short.gy', '.shortz.me', '0rz.tw', '4sq.com', '4url.cc', 'afly.co', 'ai6.net',
  'amzn.com', 'amzn.to', 'b.link', 'b23.ru', 'binged.it', 'bit.do', 'bit.ly', 'bitly.com', 'bizj.us', 'chilp.it',
  'conta.cc', 'clck.ru', 'crks.me', 'cutt.ly', 'cutwin.biz', 'dai.ly', 'db.tt', 'disq.us', 'dlvr.it', 'doi.org',
  'doiop.com', 'eepurl.com', 'fb.me', 'fire.to', 'firsturl.de', 'firsturl.net', 'flic.kr', 'gdurl.com', 'go.ly',
  'goo.gl', 'goolnk.com', 'gplinks.in', 'guest.link', 'hellotxt.com', 'hop.kz', 'hotshorturl.com', 'hub.am',
  'huff.to', 'hurl.it', 'hyperurl.co', 'inx.lv', 'is.gd', 'it2.in', 'j.mp', 'kore.us', 'kurl.no', 'l.bestsellers.to',
  'lnk.sk', 'lnkd.in', 'lnkiy.in', 'lru.jp', 'mrte.ch', 'n9.cl', 'ndurl.com', 'onion.com', 'ouo.io', 'ow.ly',
  'owl.li', 'pduda.mobi', 'rb.gy', 'redir.ec', 'rotf.lol', 's.apache.org', 's.free.fr', 's.id', 'shar.es',
  'shorl.com', 'shortn.me', 'shorturl.at', 'simurl.net', 'slidesha.re', 'smarturl.it', 'smfu.in', 'snip.ly',
  'snkr.me', 'stpmvt.com', 't.co', 't.ly', 'tcrn.ch', 'tgr.ph', 'tiny.cc', 'tiny.one', 'tiny.pl', 'tinylink.in',
  'tinyurl.com', 'to.ly', 'trib.al', 'twixar.me', 'u.nu', 'u.to', 'url.ie', 'urlcut.com', 'urlday.cc', 'urls.im',
  'urlz.at', 'urlzs.com', 'utfg.sk', 'wow.link', 'wp.me', 'x.co', 'x.hypem.com', 'xurl.es', 'yhoo.it', 'youtu.be',
  'z23.ru', 'zurl.ws', 'www.shrunken.com', '0.gp', '2.gp', '2.ly', '3.ly', '4.gp', '4.ly', '5.gp', '6.gp', '6.ly',
  '7.ly', '8.ly', '9.ly', 'g.asia', 'p.asia', 'ur3.us', 'alturl.com', '.1sta.com', '.24ex.com', '.2fear.com',
  '.2fortune.com', '.2freedom.com', '.2hell.com', '.2savvy.com', '.2truth.com', '.2tunes.com', '.2ya.com',
  '.alturl.com', '.antiblog.com', '.bigbig.com', '.dealtap.com', '.ebored.com', '.echoz.com', '.filetap.com',
  '.funurl.com', '.headplug.com', '.hereweb.com', '.hitart.com', '.mirrorz.com', '.mp3update.com', '.shorturl.com',
  '.spyw.com', '.vze.com', '.arecool.net', '.iscool.net', '.isfun.net', '.tux.nu', 'kisa.link', 'www.kisa.link',
  'bul.tc', 'cy.tc', 'fn.tc', 'ftp.tc', 'gr.tc', 'hbr.tc', 'heg.tc', 'ins.tc', 'ko.tc', 'kod.tc', 'lol.tc', 'm2.tc',
  'ml.tc', 'mmo.tc', 'oy.tc', 'pc.tc', 'pubg.tc', 'pvp.tc', 'sro.tc', 'tek.link', 'tw.tc', 'grabify.link',
  'catsnthing.com', 'catsnthings.fun', 'cheapcinema.club', 'dateing.club', 'fortnight.space', 'fortnitechat.site',
  'freegiftcards.co', 'gaming-at-my.best', 'gamingfun.me', 'headshot.monster', 'imageshare.best', 'joinmy.site',
  'leancoding.co', 'locations.quest', 'lovebird.guru', 'myprivate.pics', 'noodshare.pics', 'partpicker.shop',
  'progaming.monster', 'screenshare.pics', 'screenshot.best', 'shhh.lol', 'shrekis.life', 'sportshub.bar',
  'stopify.co', 'trulove.guru', 'yourmy.monster', '.app.link', 'bitly.ws', 'han.gl', 'lukora.cz', 'shorturl.asia',
  'm2.do',
];
