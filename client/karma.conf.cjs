// Karma for `ng test` (@angular/build:karma). The builder adds its own files, middleware and
// reporter; this file only chooses the framework, the browser and how results are printed.
process.env.CHROME_BIN ||= '/usr/bin/chromium';

module.exports = function (config) {
  config.set({
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: {
      jasmine: { random: true },
    },
    reporters: ['dots'],
    browsers: ['ChromeHeadlessNoSandbox'],
    customLaunchers: {
      ChromeHeadlessNoSandbox: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    },
    browserNoActivityTimeout: 60000,
    captureTimeout: 120000,
    singleRun: !!process.env.CI,
    restartOnFileChange: true,
  });
};
