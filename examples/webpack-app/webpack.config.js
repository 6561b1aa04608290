// `npm run dev` serves public/index.html and the bundle with hot module replacement.
const path = require('node:path');

module.exports = {
  mode: 'development',
  devtool: false,
  entry: './src/main.js',
  output: { path: path.join(__dirname, 'dist'), publicPath: '/' },
  devServer: { hot: true, liveReload: false, static: { directory: path.join(__dirname, 'public') } },
};
