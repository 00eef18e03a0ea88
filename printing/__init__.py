"""Receipt printing (收件回执): receipt model, shipped font, PDF renderer; a leaf library without Qt."""
