import { describe, expect, it } from 'vitest';
import { remoteImageCount } from '../../../renderer/src/preview/remote-images';

describe('remote images the preview blocks', () => {
  it('counts web images and backgrounds, not data: or cid: images', () => {
    const html = `<img src="https://acme.example/logo.png"><img src='http://x.example/a.gif'><img src="data:image/png;base64,AAAA">
      <img src="cid:logo"><td background="https://x.example/bg.png"><div style="background-image:url('https://x.example/b.png')">`;
    expect(remoteImageCount(html)).toBe(4);
    expect(remoteImageCount('<p>no images</p>')).toBe(0);
  });
});
